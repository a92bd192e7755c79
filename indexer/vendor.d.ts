// opencc-js ships types for its converters, not for the dictionaries under them, which the fold reads directly.
declare module 'opencc-js/dict/*' {
  /** Entries "from to" separated by "|". */
  const dict: string
  export default dict
}
