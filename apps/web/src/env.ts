import { z } from 'zod';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const EnvSchema = z.object({
  DATABASE_URL: z.string().url(),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  NEXTAUTH_SECRET: z.string().min(16, 'NEXTAUTH_SECRET must be at least 16 characters'),
  NEXTAUTH_URL: z.string().url().optional(),
  /** Seals a run's -var values at rest: base64 of 32 bytes, or a file holding it. */
  KILN_SEALING_KEY: optionalText,
  KILN_SEALING_KEY_FILE: optionalText,
  KILN_OIDC_ISSUER: optionalText,
  KILN_OIDC_CLIENT_ID: optionalText,
  KILN_OIDC_CLIENT_SECRET: optionalText,
});

export type WebEnv = z.infer<typeof EnvSchema>;

let cached: WebEnv | undefined;

/** The web app's configuration, validated on first use (not at import, so `next build` needs no secrets). */
export function env(): WebEnv {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new Error(`apps/web: invalid environment (${problems})`);
  }
  cached = parsed.data;
  return cached;
}

/** The OIDC provider settings when all three variables are set, else undefined. */
export function oidcSettings(): { issuer: string; clientId: string; clientSecret: string } | undefined {
  const { KILN_OIDC_ISSUER, KILN_OIDC_CLIENT_ID, KILN_OIDC_CLIENT_SECRET } = env();
  if (!KILN_OIDC_ISSUER || !KILN_OIDC_CLIENT_ID || !KILN_OIDC_CLIENT_SECRET) return undefined;
  return { issuer: KILN_OIDC_ISSUER, clientId: KILN_OIDC_CLIENT_ID, clientSecret: KILN_OIDC_CLIENT_SECRET };
}

/** True under `next dev` (its client needs eval and a websocket). */
export function isDevelopment(): boolean {
  return process.env.NODE_ENV === 'development';
}

/**
 * The origins this site is reached at besides the request's own: NEXTAUTH_URL's, when set. Read without
 * validating the rest of the environment, so that the request checks never fail on a missing secret.
 */
export function publicOrigins(): string[] {
  const url = process.env.NEXTAUTH_URL;
  return url && URL.canParse(url) ? [new URL(url).origin] : [];
}
