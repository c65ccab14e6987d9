import { constants, deflateRawSync } from 'node:zlib';

/**
 * gzip output byte for byte as Go's `gzip.Writer` writes it after `Write`, `Flush` and `Close`
 * (what cty's base64gzip does): a header without time or name and OS 255, the deflated data
 * ended by a sync flush, an empty final stored block, then CRC-32 and length. zlib's deflate
 * picks the same blocks as Go's for short inputs; long ones may compress differently.
 */
const HEADER = [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff];
const FINAL_EMPTY_BLOCK = [0x01, 0x00, 0x00, 0xff, 0xff];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function uint32le(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
}

export function goGzip(data: Uint8Array): Uint8Array {
  const body = deflateRawSync(data, { finishFlush: constants.Z_SYNC_FLUSH });
  return new Uint8Array([
    ...HEADER,
    ...body,
    ...FINAL_EMPTY_BLOCK,
    ...uint32le(crc32(data)),
    ...uint32le(data.length >>> 0),
  ]);
}
