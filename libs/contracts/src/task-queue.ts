/** The default task queue of the initiative workers; overridable through `TEMPORAL_TASK_QUEUE`. */
export const DEFAULT_TASK_QUEUE = 'continual-improvement';
