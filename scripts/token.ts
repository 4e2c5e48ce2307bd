import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '@cio/config';
import { issueToken } from '@cio/testing';

// npm run token -- --sub alice --roles cs-lead,change-board --departments customer-service [--expires 8h]
// Prints a bearer token signed with AUTH_JWT_SECRET (the development secret by default).
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      roles: { type: 'string', default: '' },
      departments: { type: 'string', default: '' },
      expires: { type: 'string', default: '8h' },
    },
  });
  if (!values.sub) {
    process.stderr.write(
      'usage: npm run token -- --sub <user> [--roles r1,r2] [--departments d1,d2] [--expires 8h]\n',
    );
    process.exit(64);
  }
  const list = (text: string) =>
    text
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  const token = await issueToken(
    loadConfigOrExit(),
    { sub: values.sub, roles: list(values.roles), departments: list(values.departments) },
    { expiresIn: values.expires },
  );
  process.stdout.write(`${token}\n`);
}

void main();
