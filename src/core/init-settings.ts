/** The settings bucket init sets, by the name an input gives them, and the step that reports each. */
export const INIT_SETTINGS = {
  versioning: 'versioning',
  encryption: 'default encryption',
  'public-access-block': 'public access block',
  lifecycle: 'lifecycle',
  'object-lock': 'Object Lock',
  replication: 'replication',
} as const;

export type InitSetting = keyof typeof INIT_SETTINGS;
