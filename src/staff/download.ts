import { saveFile } from '~/export/save-file.ts'

/** Saves text as a file (a CSV by default) through the one file saver. */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  saveFile(new Blob([text], { type }), filename)
}
