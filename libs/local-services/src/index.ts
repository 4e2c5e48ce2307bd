// What `npm start` runs beside the system on a developer's machine (the suites reuse it): the
// embedded PostgreSQL, and the compiled entry points of the worker and the gateway.
export * from './embedded-postgres';
export { DEFAULT_SERVICE_ROOT, installedBinaries } from './postgres-placement';
export * from './compiled-entry-point';
