import { createReadStream } from 'node:fs';
import { constants, createDeflateRaw } from 'node:zlib';

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const VERSION_20 = 20;
const FLAG_DATA_DESCRIPTOR = 0x8;
const FLAG_UTF8 = 0x800;
const DEFLATE = 8;
const ZIP32_LIMIT = 0xfffffffe;

interface Entry {
  name: Buffer;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/**
 * A zip archive of `files` as Go's `archive/zip` writes it for Packer's compress post-processor:
 * each file deflated under its path as given, sizes in a data descriptor, no modification time.
 */
export async function* zipArchive(
  files: { name: string; absolute: string }[],
  level: number,
  signal: AbortSignal,
): AsyncGenerator<Buffer> {
  const entries: Entry[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name.split('\\').join('/'));
    const flags = FLAG_DATA_DESCRIPTOR | (/[^\x20-\x7e]/.test(file.name) ? FLAG_UTF8 : 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(VERSION_20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(DEFLATE, 8);
    local.writeUInt16LE(name.length, 26);
    yield local;
    yield name;
    const entry: Entry = { name, flags, crc: 0, compressedSize: 0, size: 0, offset };
    offset += local.length + name.length;

    const deflate = createDeflateRaw({ level, strategy: constants.Z_DEFAULT_STRATEGY });
    const source = createReadStream(file.absolute, { signal });
    source.on('data', (chunk) => {
      entry.crc = crc32(chunk as Buffer, entry.crc);
      entry.size += (chunk as Buffer).length;
    });
    source.on('error', (error) => deflate.destroy(error));
    source.pipe(deflate);
    for await (const chunk of deflate) {
      entry.compressedSize += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
    offset += entry.compressedSize;
    if (entry.size > ZIP32_LIMIT || offset > ZIP32_LIMIT) {
      throw new Error(
        `Failed to copy ${file.name} data to archive: zip archives over 4 GiB are not supported`,
      );
    }

    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(DATA_DESCRIPTOR, 0);
    descriptor.writeUInt32LE(entry.crc, 4);
    descriptor.writeUInt32LE(entry.compressedSize, 8);
    descriptor.writeUInt32LE(entry.size, 12);
    yield descriptor;
    offset += descriptor.length;
    entries.push(entry);
  }

  const directoryStart = offset;
  let directorySize = 0;
  for (const entry of entries) {
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL_HEADER, 0);
    central.writeUInt16LE(VERSION_20, 4);
    central.writeUInt16LE(VERSION_20, 6);
    central.writeUInt16LE(entry.flags, 8);
    central.writeUInt16LE(DEFLATE, 10);
    central.writeUInt32LE(entry.crc, 16);
    central.writeUInt32LE(entry.compressedSize, 20);
    central.writeUInt32LE(entry.size, 24);
    central.writeUInt16LE(entry.name.length, 28);
    central.writeUInt32LE(entry.offset, 42);
    yield central;
    yield entry.name;
    directorySize += central.length + entry.name.length;
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(directoryStart, 16);
  yield end;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (IEEE), continued from `previous`. */
export function crc32(data: Buffer, previous = 0): number {
  let crc = ~previous >>> 0;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return ~crc >>> 0;
}
