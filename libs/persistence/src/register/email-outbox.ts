// The email outbox: written by issue 20's email dispatcher work.
export {};
