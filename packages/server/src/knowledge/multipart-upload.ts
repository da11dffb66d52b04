import { Readable } from 'node:stream'
import { Busboy, type BusboyInstance } from '@fastify/busboy'
import { AppError } from '../errors.ts'

export interface ParsedUpload {
  bytes: Uint8Array
  filename: string | null
  contentType: string | null
  title: string | undefined
}

const MAX_TITLE_CHARS = 200

/**
 * Reads a multipart upload (a `file` field, an optional `title`) as it streams in, stopping as
 * soon as the file passes `maxBytes` rather than after buffering all of it.
 */
export function readUpload(request: Request, maxBytes: number): Promise<ParsedUpload> {
  const contentType = request.headers.get('content-type') ?? ''
  if (!/^multipart\/form-data/i.test(contentType) || !request.body) {
    return Promise.reject(
      new AppError(
        'invalid_request',
        'Send the document as multipart/form-data with a "file" field.',
        { details: { field: 'file' } },
      ),
    )
  }
  return new Promise((resolve, reject) => {
    let busboy: BusboyInstance
    try {
      busboy = new Busboy({
        headers: { 'content-type': contentType },
        limits: { files: 1, fileSize: maxBytes, fields: 10, fieldSize: 4096 },
      })
    } catch (err) {
      reject(new AppError('invalid_request', 'The multipart body is malformed.', { cause: err }))
      return
    }
    const body = Readable.fromWeb(request.body as import('node:stream/web').ReadableStream)
    let file: Omit<ParsedUpload, 'title'> | undefined
    let pending: Promise<void> = Promise.resolve()
    let title: string | undefined
    const fail = (err: AppError) => {
      body.unpipe(busboy)
      body.destroy()
      reject(err)
    }
    busboy.on('file', (field, stream, filename, _encoding, mimetype) => {
      if (field !== 'file') {
        stream.resume()
        return
      }
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('limit', () =>
        fail(
          new AppError(
            'payload_too_large',
            `Documents can be at most ${Math.floor(maxBytes / 1024 / 1024)} MB.`,
          ),
        ),
      )
      pending = new Promise((done) =>
        stream.on('end', () => {
          file = {
            bytes: Buffer.concat(chunks),
            filename: filename || null,
            contentType: mimetype && mimetype !== 'application/octet-stream' ? mimetype : null,
          }
          done()
        }),
      )
    })
    busboy.on('field', (field, value) => {
      if (field === 'title') title = value.trim() || undefined
    })
    busboy.on('error', (err: unknown) =>
      fail(new AppError('invalid_request', 'The multipart body is malformed.', { cause: err })),
    )
    busboy.on('finish', () => {
      void pending.then(() => {
        if (!file) {
          reject(
            new AppError('invalid_request', 'Invalid request: file: a "file" field is required.', {
              details: { field: 'file' },
            }),
          )
        } else if (title && title.length > MAX_TITLE_CHARS) {
          reject(
            new AppError(
              'invalid_request',
              `Invalid request: title: at most ${MAX_TITLE_CHARS} characters.`,
              {
                details: { field: 'title' },
              },
            ),
          )
        } else {
          resolve({ ...file, title })
        }
      })
    })
    body.on('error', (err) =>
      reject(new AppError('invalid_request', 'The upload was interrupted.', { cause: err })),
    )
    body.pipe(busboy)
  })
}
