import { describe, expect, it } from 'vitest';
import { nullDatasource } from './index.ts';

describe('null data source', () => {
  it('returns its input as output', async () => {
    const prepared = nullDatasource.prepare({ input: 'hello' });
    expect(prepared.diagnostics).toEqual([]);
    if (!prepared.config) throw new Error('not prepared');
    expect(await nullDatasource.execute(prepared.config, { signal: new AbortController().signal })).toEqual({
      output: 'hello',
    });
  });

  it('refuses a missing input', () => {
    expect(nullDatasource.prepare({}).diagnostics.map((d) => d.summary)).toEqual(['Missing input']);
  });
});
