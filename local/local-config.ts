/**
 * Settings of the local cloud, read once from the environment with their documented defaults.
 * The README's configuration table lists the same variables.
 */
import { resolve } from 'node:path';
import { envVar, readConfig } from '../shared/config';

export const LOCAL_SETTINGS = {
  RETORNO_HOST: envVar.optional(envVar.string('address the local cloud listens on'), '127.0.0.1'),
  RETORNO_API_PORT: envVar.optional(envVar.port('local API gateway and web app'), 3000),
  RETORNO_DYNAMODB_PORT: envVar.optional(envVar.port('DynamoDB Local'), 8000),
  RETORNO_SES_PORT: envVar.optional(envVar.port('SES v2 emulator and its mail viewer'), 8005),
  RETORNO_SFN_PORT: envVar.optional(envVar.port('local Step Functions runtime'), 8083),
  RETORNO_TRAVEL_PORT: envVar.optional(envVar.port('simulated travel provider'), 8090),
  RETORNO_DATA_DIR: envVar.optional(
    envVar.string('folder for local data (tables, executions, keys)'),
    '.local',
  ),
  RETORNO_PREFIX: envVar.optional(envVar.string('prefix of local resource names'), 'retorno'),
  RETORNO_CORS_ORIGINS: envVar.optional(envVar.string('comma-separated origins allowed by CORS'), '*'),
  RETORNO_MAX_BODY_BYTES: envVar.optional(
    envVar.positiveInt('largest request body the gateway accepts'),
    1024 * 1024,
  ),
  RETORNO_EMAIL_FROM: envVar.optional(
    envVar.string('sender address of outgoing email'),
    'no-reply@retorno.local',
  ),
  RETORNO_FUNCTION_LOG_LEVEL: envVar.optional(
    envVar.string('log level of the functions (POWERTOOLS_LOG_LEVEL): DEBUG, INFO, WARN, ERROR'),
    'INFO',
  ),
  RETORNO_SCHEDULE_SECONDS: envVar.optional(
    envVar.positiveInt(
      'how often the scheduled functions run locally (the reconciler); on AWS, their manifest rate',
    ),
    60,
  ),
} as const;

export interface LocalCloudSettings {
  readonly host: string;
  readonly apiPort: number;
  readonly dynamoDbPort: number;
  readonly sesPort: number;
  readonly sfnPort: number;
  readonly travelPort: number;
  readonly dataDir: string;
  readonly prefix: string;
  readonly corsOrigins: readonly string[];
  readonly maxBodyBytes: number;
  readonly emailFrom: string;
  readonly functionLogLevel: string;
  readonly scheduleSeconds: number;
}

export function readLocalSettings(env: Record<string, string | undefined> = process.env): LocalCloudSettings {
  const c = readConfig(LOCAL_SETTINGS, env);
  return {
    host: c.RETORNO_HOST,
    apiPort: c.RETORNO_API_PORT,
    dynamoDbPort: c.RETORNO_DYNAMODB_PORT,
    sesPort: c.RETORNO_SES_PORT,
    sfnPort: c.RETORNO_SFN_PORT,
    travelPort: c.RETORNO_TRAVEL_PORT,
    dataDir: resolve(c.RETORNO_DATA_DIR),
    prefix: c.RETORNO_PREFIX,
    corsOrigins: c.RETORNO_CORS_ORIGINS.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    maxBodyBytes: c.RETORNO_MAX_BODY_BYTES,
    emailFrom: c.RETORNO_EMAIL_FROM,
    functionLogLevel: c.RETORNO_FUNCTION_LOG_LEVEL,
    scheduleSeconds: c.RETORNO_SCHEDULE_SECONDS,
  };
}
