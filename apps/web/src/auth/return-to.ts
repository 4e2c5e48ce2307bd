/** Where to go after signing in: a path of this app only (never another site). */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\'))
    return '/';
  return value.startsWith('/sign-in') || value.startsWith('/callback') ? '/' : value;
}
