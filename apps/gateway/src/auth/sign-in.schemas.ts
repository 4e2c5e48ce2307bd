import { z } from 'zod';
import { name } from '../schemas/fields';

const PersonaSchema = z.object({
  sub: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
  departments: z.array(z.string()),
});

export const SignInConfigSchema = z
  .object({
    signIn: z
      .enum(['development', 'oidc', 'token'])
      .describe('development: pick a persona; oidc: the OpenID provider; token: bring a bearer token'),
    personas: z.array(PersonaSchema).describe('development only'),
    oidc: z
      .object({
        issuer: z.string(),
        clientId: z.string(),
        scopes: z.string(),
        resource: z.string().nullable(),
      })
      .nullable(),
    temporalUiUrl: z
      .string()
      .describe("base URL of the Temporal Web UI, for links to an initiative's workflow"),
    temporalNamespace: z.string(),
  })
  .meta({ id: 'SignInConfig' });
export type SignInConfig = z.infer<typeof SignInConfigSchema>;

export const DevTokenRequestSchema = z
  .strictObject({
    sub: name('the person'),
    name: z.string().trim().max(200).optional(),
    roles: z.array(name('role')).max(20).default([]),
    departments: z.array(name('department')).max(20).default([]),
  })
  .meta({ id: 'DevTokenRequest' });

export const DevTokenSchema = z.object({ token: z.string(), expiresAt: z.string() }).meta({ id: 'DevToken' });
