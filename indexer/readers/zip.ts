// Opens zipped documents (.docx, .ofd) with a cap on what they unpack to, counted as the bytes are
// inflated: a zip's headers may claim anything, so only the inflated bytes themselves are trusted.

import JSZip from 'jszip'
import { AppError } from '../../common/errors.js'

/** JSZip's chunked inflater, which its type definitions leave out. */
interface InflateStream {
  on(event: 'data', listener: (chunk: Uint8Array) => void): InflateStream
  on(event: 'end', listener: () => void): InflateStream
  on(event: 'error', listener: (error: Error) => void): InflateStream
  pause(): InflateStream
  resume(): InflateStream
}

export interface ZipArchive {
  /** The archive's file names (folders left out), in the archive's order. */
  names: string[]
  /** One file's bytes; throws FILE_UNZIP_TOO_LARGE once the archive's reads pass the cap. */
  read(name: string): Promise<Uint8Array>
  /** One file as UTF-8 text. */
  text(name: string): Promise<string>
  /** Inflates every file, keeping none, to learn whether the whole archive fits the cap. */
  checkAll(): Promise<void>
}

/** Opens a zip; throws FILE_UNREADABLE when it is not one. `maxBytes` caps all reads together. */
export async function openZip(bytes: Uint8Array, maxBytes: number, what = 'zip'): Promise<ZipArchive> {
  let zip: JSZip
  try {
    zip = await JSZip.loadAsync(bytes)
  } catch (error) {
    throw new AppError('FILE_UNREADABLE', `not a valid ${what} (${(error as Error).message})`)
  }
  let total = 0
  const inflate = (name: string, keep: boolean): Promise<Uint8Array> => {
    const entry = zip.file(name)
    if (!entry) return Promise.reject(new AppError('FILE_UNREADABLE', `${what} without ${name}`))
    const chunks: Uint8Array[] = []
    return new Promise((resolve, reject) => {
      const stream = (entry as unknown as { internalStream(type: 'uint8array'): InflateStream })
        .internalStream('uint8array')
        .on('data', (chunk) => {
          total += chunk.length
          if (total > maxBytes) {
            stream.pause()
            reject(new AppError('FILE_UNZIP_TOO_LARGE', `more than ${maxBytes} bytes, at ${name}`))
            return
          }
          if (keep) chunks.push(chunk)
        })
        .on('error', (error) =>
          reject(new AppError('FILE_UNREADABLE', `${what}: ${name} is damaged (${error.message})`)),
        )
        .on('end', () => resolve(Buffer.concat(chunks)))
      stream.resume()
    })
  }
  const names = Object.values(zip.files)
    .filter((entry) => !entry.dir)
    .map((entry) => entry.name)
  return {
    names,
    read: (name) => inflate(name, true),
    text: async (name) => Buffer.from(await inflate(name, true)).toString('utf8'),
    checkAll: async () => {
      for (const name of names) await inflate(name, false)
    },
  }
}
