import type { z } from 'zod';

/** A type written out field by field, all the way down (intersections and aliases resolved). */
type Flat<T> = T extends object ? { [K in keyof T]: Flat<T[K]> } : T;

/** True only when A and B are the same type (optional and readonly modifiers included). */
type Same<A, B> =
  (<X>() => X extends Flat<A> ? 1 : 2) extends <X>() => X extends Flat<B> ? 1 : 2 ? true : false;

/**
 * A response schema tied to the type it documents: it compiles only when what the schema
 * describes is exactly `T`, so a field added on one side and not the other fails the type-check.
 *
 *   export const FooSchema = describes<Foo>()(z.object({ … }));
 */
export const describes =
  <T>() =>
  <S extends z.ZodType>(schema: S & (Same<z.output<S>, T> extends true ? unknown : { drift: T })): S =>
    schema;
