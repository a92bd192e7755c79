// Reads corpus files in reader processes, each file within a time and a memory budget: a file that
// overruns either is skipped with its reason and its reader replaced, so no file can stop a build.
//
// Processes, not threads: a process is killed cleanly wherever it is (a thread stopped inside a
// native reader's code can abort the process it lives in), takes its memory with it, and a crash in
// a native reader stays in it. Readers live as long as the process that started them and
// serve every build in it; idle ones do not keep it alive.

import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { AppError } from '../common/errors.js'
import { moduleBeside } from '../common/modules.js'
import { type FileOutcome, type FileTask, failed } from './process-file.js'

/** The reader's module next to this one. */
const readerModule = fileURLToPath(moduleBeside(import.meta.url, 'reader-main'))

/** Files a reader is worth starting for: fewer share the readers already there. */
const FILES_PER_READER = 16

export interface RunOptions {
  /** Readers working at once. */
  readers: number
  /** Time one file may take; past it, its reader is killed and the file skipped. */
  timeMs: number
}

interface Reader {
  child: ChildProcess
  /** The end of its standard error: what V8 says when the heap runs out. */
  stderr: string
}

/** Reader processes with a heap budget each, reused from one run to the next. */
export class FilePool {
  static readonly #pools = new Map<number, FilePool>()

  /** The process's pool for this memory budget (the budget is fixed when a reader starts). */
  static withMemory(memoryMb: number): FilePool {
    let pool = FilePool.#pools.get(memoryMb)
    if (!pool) {
      pool = new FilePool(memoryMb)
      FilePool.#pools.set(memoryMb, pool)
    }
    return pool
  }

  readonly #idle: Reader[] = []

  constructor(readonly memoryMb: number) {}

  /** A new reader, once it has loaded the dictionary: a file's time starts with the file. */
  #spawn(): Promise<Reader> {
    const child = fork(readerModule, [], {
      // The loaders this process runs under (tsx, the test runner's) run the reader too.
      execArgv: [...process.execArgv, `--max-old-space-size=${this.memoryMb}`],
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      serialization: 'advanced',
    })
    const reader: Reader = { child, stderr: '' }
    child.stderr?.on('data', (chunk: Buffer) => {
      reader.stderr = (reader.stderr + chunk.toString()).slice(-4096)
    })
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null, signal: string | null) =>
        reject(
          new Error(`a reader process could not start (${signal ?? `exit code ${code}`}): ${reader.stderr}`),
        )
      child.once('exit', onExit)
      child.once('message', () => {
        child.off('exit', onExit)
        resolve(reader)
      })
    })
  }

  #rest(reader: Reader): void {
    reader.child.unref()
    ;(reader.child.channel as { unref?: () => void } | undefined)?.unref?.()
    ;(reader.child.stderr as { unref?: () => void } | null)?.unref?.()
    this.#idle.push(reader)
  }

  #wake(reader: Reader): Reader {
    reader.child.ref()
    ;(reader.child.channel as { ref?: () => void } | undefined)?.ref?.()
    ;(reader.child.stderr as { ref?: () => void } | null)?.ref?.()
    return reader
  }

  /** Processes every task; `onDone` sees each outcome as it lands. Outcomes are in task order. */
  async run(
    tasks: FileTask[],
    options: RunOptions,
    onDone: (index: number, outcome: FileOutcome) => void = () => {},
  ): Promise<FileOutcome[]> {
    const outcomes: FileOutcome[] = new Array(tasks.length)
    let next = 0
    const lane = async () => {
      let reader: Reader | null = null
      const start = async (id: number) => {
        reader ??= this.#idle.pop() ?? (await this.#spawn())
        this.#wake(reader)
        return { id, ...(await this.#one(reader, tasks[id] as FileTask, options.timeMs)) }
      }
      let running = next < tasks.length ? start(next++) : null
      while (running) {
        const { id, outcome, alive } = await running
        if (!alive) reader = null
        // The next file goes out before this one's outcome is taken: the reader reads while the
        // build indexes, rather than waiting for it.
        running = next < tasks.length ? start(next++) : null
        outcomes[id] = outcome
        onDone(id, outcome)
      }
      if (reader) this.#rest(reader)
    }
    // A reader costs a second of dictionary loading before its first file: a few files need one.
    const readers = Math.max(1, Math.min(options.readers, Math.ceil(tasks.length / FILES_PER_READER)))
    await Promise.all(Array.from({ length: readers }, lane))
    return outcomes
  }

  /** One task in one reader: its outcome, and whether the reader is still fit for the next. */
  #one(reader: Reader, task: FileTask, timeMs: number): Promise<{ outcome: FileOutcome; alive: boolean }> {
    const { child } = reader
    return new Promise((resolve) => {
      const settle = (outcome: FileOutcome, alive: boolean) => {
        clearTimeout(timer)
        child.off('message', onMessage)
        child.off('close', onClose)
        if (!alive) child.kill('SIGKILL')
        resolve({ outcome, alive })
      }
      const onMessage = ({ outcome }: { outcome: FileOutcome }) => settle(outcome, true)
      // 'close', not 'exit': it comes once the reader's last words on standard error are in.
      const onClose = (code: number | null, signal: string | null) =>
        settle(
          failed(
            /heap limit|out of memory/i.test(reader.stderr)
              ? new AppError('FILE_OUT_OF_MEMORY', `over ${this.memoryMb} MB`)
              : new AppError('FILE_UNREADABLE', `the reader crashed (${signal ?? `exit code ${code}`})`),
          ),
          false,
        )
      const timer = setTimeout(
        () => settle(failed(new AppError('FILE_TIMEOUT', `over ${timeMs} ms`)), false),
        timeMs,
      )
      child.on('message', onMessage)
      child.on('close', onClose)
      child.send({ task })
    })
  }
}
