import type { NextConfig } from 'next';

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
};

export default config;
