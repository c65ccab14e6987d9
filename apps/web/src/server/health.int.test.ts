import type {} from '@kiln/testing/vitest/postgres-setup';
import { sql } from '@kiln/db';
import { createDb } from '@kiln/db/client';
import { createTestDatabase } from '@kiln/testing';
import { describe, expect, inject, it } from 'vitest';
import { healthResponse } from './health.ts';

function pinger(url: string) {
  const handle = createDb(url, { max: 1 });
  return {
    ping: async () => {
      await handle.db.execute(sql`select 1`);
    },
    close: () => handle.close(),
  };
}

describe('healthResponse', () => {
  it('answers ok when PostgreSQL answers', async () => {
    const database = await createTestDatabase(inject('postgresAdminUrl'));
    const db = pinger(database.url);
    try {
      const response = await healthResponse(db.ping, () => {});
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok' });
    } finally {
      await db.close();
      await database.drop();
    }
  });

  it.each([
    ['nothing listens', async () => 'postgres://kiln:s3cret-pw@127.0.0.1:1/kiln'],
    [
      'the password is wrong',
      async () => {
        const url = new URL(inject('postgresAdminUrl'));
        url.password = 's3cret-pw';
        return url.toString();
      },
    ],
  ])('answers 503 without the driver reason, host, port or credentials when %s', async (_case, urlOf) => {
    const url = await urlOf();
    const db = pinger(url);
    const logged: unknown[] = [];
    try {
      const response = await healthResponse(db.ping, (error) => logged.push(error));
      expect(response.status).toBe(503);
      const body = await response.text();
      expect(JSON.parse(body)).toEqual({ status: 'unavailable', reason: 'the database did not answer' });
      for (const leak of [
        's3cret',
        new URL(url).port,
        '127.0.0.1',
        'ECONNREFUSED',
        'password',
        'postgres',
        ' at ',
      ]) {
        expect(body).not.toContain(leak);
      }
      expect(logged).toHaveLength(1);
    } finally {
      await db.close().catch(() => {});
    }
  });
});
