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
import { type FileOutcome, type FileTask, failed } from './outcome.js'

/** The reader's module next to this one. */
const readerModule = fileURLToPath(moduleBeside(import.meta.url, 'reader-main'))

/** What a send's callback needs to do: nothing (a lost reader is told by its 'close'). */
const sendSettled = () => {}

/** Files a reader holds at once: the one it reads, and the next, so that it never waits between them. */
const HELD = 2

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
  /** Readers started ahead of a run (`warm`), still loading their dictionary; a lane may claim one. */
  readonly #warming: { claimed: boolean; reader: Promise<Reader> }[] = []

  constructor(readonly memoryMb: number) {}

  /** Readers a run of `files` files uses at most: a reader costs a dictionary loading before its first file. */
  static readersFor(files: number, readers: number): number {
    return Math.max(1, Math.min(readers, Math.ceil(files / FILES_PER_READER)))
  }

  /**
   * Starts `count` readers now, for the next run: they load the dictionary while the build loads its
   * own modules and lists the corpus, rather than after. One that is ready before a run claims it
   * waits with the idle ones. Resolves once every one has started or failed to.
   */
  warm(count: number): Promise<void> {
    const started: Promise<unknown>[] = []
    for (let i = 0; i < count; i++) {
      const entry = { claimed: false, reader: this.#spawn() }
      const unclaimed = () => {
        const at = this.#warming.indexOf(entry)
        if (at >= 0) this.#warming.splice(at, 1)
        return !entry.claimed
      }
      // A reader that could not start fails only the lane that claimed it: the others start their own.
      started.push(
        entry.reader.then(
          (reader) => unclaimed() && this.#rest(reader),
          () => unclaimed(),
        ),
      )
      this.#warming.push(entry)
    }
    return Promise.all(started).then(() => {})
  }

  /** A reader for a lane: an idle one, one being warmed, or a new one. */
  async #take(): Promise<Reader> {
    const idle = this.#idle.pop()
    if (idle) return idle
    const warming = this.#warming.shift()
    if (!warming) return this.#spawn()
    warming.claimed = true
    return warming.reader
  }

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

  /**
   * Lets the idle readers go (idle, they have nothing to lose): a process that builds once
   * gives their memory back before it saves, rather than keep it for a build that never comes.
   */
  release(): void {
    for (const reader of this.#idle.splice(0)) reader.child.kill()
    for (const entry of this.#warming.splice(0)) {
      entry.claimed = true
      entry.reader.then(
        (reader) => reader.child.kill(),
        () => {},
      )
    }
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
    // Files sent to a reader that lost its process before it began them: read first, by any lane.
    const returned: number[] = []
    const queue: TaskQueue = {
      take: () => returned.shift() ?? (next < tasks.length ? next++ : undefined),
      left: () => next < tasks.length || returned.length > 0,
      giveBack: (ids) => returned.unshift(...ids),
      done: (id, outcome) => {
        outcomes[id] = outcome
        onDone(id, outcome)
      },
    }
    const lane = async () => {
      let reader: Reader | null = null
      while (queue.left()) {
        reader ??= await this.#take()
        if (!(await this.#serve(this.#wake(reader), tasks, queue, options.timeMs))) reader = null
      }
      if (reader) this.#rest(reader)
    }
    await Promise.all(Array.from({ length: FilePool.readersFor(tasks.length, options.readers) }, lane))
    return outcomes
  }

  /**
   * Gives one reader files from the queue until there are none left (true) or its process is lost
   * (false: killed past the time limit, out of memory, crashed). It holds one file ahead of the one
   * it reads, so that it never waits for the build to take an outcome before it starts the next.
   * A file's time counts from the outcome of the one before it, when the reader begins it.
   */
  #serve(reader: Reader, tasks: FileTask[], queue: TaskQueue, timeMs: number): Promise<boolean> {
    const { child } = reader
    return new Promise((resolve) => {
      const sent: number[] = []
      let timer: NodeJS.Timeout | undefined
      // Armed with no file out only to be cleared at once by the end.
      const arm = () => {
        clearTimeout(timer)
        timer = setTimeout(onTimeout, timeMs)
      }
      const fill = () => {
        while (sent.length < HELD) {
          const id = queue.take()
          if (id === undefined) return
          sent.push(id)
          // With a callback, a send to a reader that has just died is not thrown at this process as
          // an 'error' event nobody handles: its 'close' comes next and hands its files back.
          child.send({ task: tasks[id] }, sendSettled)
        }
      }
      const end = (alive: boolean) => {
        clearTimeout(timer)
        child.off('message', onMessage)
        child.off('close', onClose)
        if (!alive) {
          child.kill('SIGKILL')
          queue.giveBack(sent.splice(0))
        }
        resolve(alive)
      }
      const endWhenIdle = () => {
        if (sent.length === 0) end(true)
      }
      const fail = (error: AppError) => {
        queue.done(sent.shift() as number, failed(error))
        end(false)
      }
      const onMessage = ({ outcome }: { outcome: FileOutcome }) => {
        const id = sent.shift() as number
        arm()
        fill()
        queue.done(id, outcome)
        endWhenIdle()
      }
      // 'close', not 'exit': it comes once the reader's last words on standard error are in.
      const onClose = (code: number | null, signal: string | null) =>
        fail(
          /heap limit|out of memory/i.test(reader.stderr)
            ? new AppError('FILE_OUT_OF_MEMORY', `over ${this.memoryMb} MB`)
            : new AppError('FILE_UNREADABLE', `the reader crashed (${signal ?? `exit code ${code}`})`),
        )
      const onTimeout = () => fail(new AppError('FILE_TIMEOUT', `over ${timeMs} ms`))
      child.on('message', onMessage)
      child.on('close', onClose)
      fill()
      arm()
      endWhenIdle()
    })
  }
}

/** The files of one run, shared by its lanes. */
interface TaskQueue {
  /** The next file to read, if any. */
  take(): number | undefined
  /** Whether a file is still to be read. */
  left(): boolean
  /** Files sent to a reader lost before it began them. */
  giveBack(ids: number[]): void
  /** A file's outcome. */
  done(id: number, outcome: FileOutcome): void
}
