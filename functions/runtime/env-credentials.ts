/**
 * What the bundles use in place of `@aws-sdk/credential-provider-node` (scripts/build.ts aliases
 * it here): credentials from the environment only. The SDK's default chain also knows profiles,
 * SSO, process, web identity and instance metadata, about 140 KB of code and 15 ms of cold start
 * per handler that a function never uses: Lambda gives every function its role's credentials in
 * AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, and the local cloud gives its
 * functions the same variables. Same name and signature as the package's export, so the clients'
 * runtime config (`credentialDefaultProvider ?? defaultProvider`) calls it unchanged.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider = (init: Parameters<typeof fromEnv>[0] = {}) => fromEnv(init);
