/** Every table of the tool, one module per context; drizzle-kit generates migrations from this file. */
export * from '../../../identity/infrastructure/identity-schema.ts';
export * from '../../../evaluation/infrastructure/evaluation-schema.ts';
export * from '../../../lti/infrastructure/lti-schema.ts';
export * from '../../../gar/infrastructure/gar-schema.ts';
export * from '../../../campaigns/infrastructure/campaigns-schema.ts';
export * from '../../../livret/infrastructure/livret-schema.ts';
