const END_OF_CENTRAL_DIRECTORY = 0x06054b50
const CENTRAL_FILE_HEADER = 0x02014b50
const EOCD_SIZE = 22
const MAX_COMMENT = 0xffff

/**
 * The file names in a ZIP archive, read from its central directory only (a few KB at the end of
 * the file), so it is cheap even for a large upload. Null when the bytes are not a readable ZIP.
 *
 * @example
 * zipEntryNames(docxBytes)?.includes('word/document.xml')
 */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const eocd = findEndOfCentralDirectory(view)
  if (eocd === -1) return null
  const count = view.getUint16(eocd + 10, true)
  let offset = view.getUint32(eocd + 16, true)
  const decoder = new TextDecoder()
  const names: string[] = []
  for (let i = 0; i < count; i++) {
    if (offset + 46 > view.byteLength || view.getUint32(offset, true) !== CENTRAL_FILE_HEADER) {
      return null
    }
    const nameLength = view.getUint16(offset + 28, true)
    const extraLength = view.getUint16(offset + 30, true)
    const commentLength = view.getUint16(offset + 32, true)
    const nameStart = offset + 46
    if (nameStart + nameLength > view.byteLength) return null
    names.push(decoder.decode(bytes.subarray(nameStart, nameStart + nameLength)))
    offset = nameStart + nameLength + extraLength + commentLength
  }
  return names
}

// The record sits at the very end unless the archive carries a comment, which is at most 64 KB.
function findEndOfCentralDirectory(view: DataView): number {
  const last = view.byteLength - EOCD_SIZE
  const first = Math.max(0, last - MAX_COMMENT)
  for (let offset = last; offset >= first; offset--) {
    if (view.getUint32(offset, true) === END_OF_CENTRAL_DIRECTORY) return offset
  }
  return -1
}
