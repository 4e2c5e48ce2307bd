export * from './priority-score';
export * from './similar-titles';
export * from './triage-rights';
export * from './closure';
export * from './kpi-hints';
export * from './opportunity-permissions';
