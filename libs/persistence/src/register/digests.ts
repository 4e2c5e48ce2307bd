// Daily digests.
export {};
