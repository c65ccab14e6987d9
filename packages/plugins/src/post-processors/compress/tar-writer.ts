import { createReadStream, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';

const BLOCK = 512;

/**
 * A tar archive of `files` as Packer's compress post-processor writes it with Go's `archive/tar`:
 * one GNU-format header per file, named by its base name, with its permissions and owner and every
 * time zeroed (Google Cloud imports only such archives); the content padded to 512 bytes; two zero
 * blocks at the end.
 */
export async function* tarArchive(files: string[], cwd: string, signal: AbortSignal): AsyncGenerator<Buffer> {
  for (const file of files) {
    const absolute = path.resolve(cwd, file);
    const info = await stat(absolute).catch((error: Error) => {
      throw new Error(`Unable to read file ${file}: ${error.message}`);
    });
    if (!info.isFile()) throw new Error(`Failed to copy ${file} data to archive: it is not a regular file`);
    yield gnuHeader(path.basename(file), info);
    let written = 0;
    for await (const chunk of createReadStream(absolute, { signal })) {
      written += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
    if (written !== info.size)
      throw new Error(`Failed to copy ${file} data to archive: it changed while archived`);
    const padding = (BLOCK - (info.size % BLOCK)) % BLOCK;
    if (padding > 0) yield Buffer.alloc(padding);
  }
  yield Buffer.alloc(2 * BLOCK);
}

interface FileInfo {
  mode: number;
  uid: number;
  gid: number;
  size: number;
}

function gnuHeader(name: string, info: FileInfo): Buffer {
  const header = Buffer.alloc(BLOCK);
  const field = (offset: number, length: number, text: string) => {
    header.write(text, offset, Math.min(length, Buffer.byteLength(text)), 'utf8');
  };
  const octal = (offset: number, length: number, value: number) =>
    field(offset, length - 1, value.toString(8).padStart(length - 1, '0'));
  if (Buffer.byteLength(name) > 100)
    throw new Error(`Failed to write tar header for ${name}: the name is too long`);
  field(0, 100, name);
  octal(100, 8, info.mode & 0o7777);
  octal(108, 8, info.uid);
  octal(116, 8, info.gid);
  octal(124, 12, info.size);
  octal(136, 12, 0);
  header.fill(' ', 148, 156);
  field(156, 1, '0');
  field(257, 8, 'ustar  \0');
  const { uname, gname } = ownerNames(info.uid, info.gid);
  field(265, 32, uname);
  field(297, 32, gname);
  octal(329, 8, 0);
  octal(337, 8, 0);
  let sum = 0;
  for (const byte of header) sum += byte;
  field(148, 7, `${sum.toString(8).padStart(6, '0')}\0`);
  return header;
}

/** The owner's names as Go's `os/user` finds them in /etc/passwd and /etc/group; empty when unknown. */
function ownerNames(uid: number, gid: number): { uname: string; gname: string } {
  return { uname: nameOf('/etc/passwd', uid), gname: nameOf('/etc/group', gid) };
}

function nameOf(database: string, id: number): string {
  let text: string;
  try {
    text = readFileSync(database, 'utf8');
  } catch {
    return '';
  }
  for (const line of text.split('\n')) {
    const [name, , lineId] = line.split(':');
    if (name && lineId !== undefined && Number(lineId) === id) return name;
  }
  return '';
}
