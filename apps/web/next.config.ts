import type { NextConfig } from 'next';

/** Sent with every response: no framing by other pages, no MIME sniffing, no referrer to other sites. */
const SECURITY_HEADERS = {
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

const config: NextConfig = {
  reactStrictMode: true,
  transpilePackages: ['@kiln/api', '@kiln/db', '@kiln/engine'],
  serverExternalPackages: [
    '@node-rs/argon2',
    '@temporalio/client',
    '@temporalio/proto',
    '@temporalio/common',
    '@grpc/grpc-js',
    'pg',
    'pino',
  ],
  typescript: { tsconfigPath: './tsconfig.json' },
  poweredByHeader: false,
  // The Content-Security-Policy (with its per-request nonce) is set in src/proxy.ts.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
      },
    ];
  },
};

export default config;
