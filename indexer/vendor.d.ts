// opencc-js ships types for its converters, not for the dictionaries under them, which the fold reads directly.
declare module 'opencc-js/dict/*' {
  /** Entries "from to" separated by "|". */
  const dict: string
  export default dict
}

// pdf.js's worker module, loaded into this thread so that no worker is started; its exports are not used by name.
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown
}
