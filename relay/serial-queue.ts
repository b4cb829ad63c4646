/**
 * Runs tasks with the same key one after another, in the order they were queued; tasks with
 * different keys run independently. A task's failure is its caller's and does not stop the
 * tasks queued after it. A synchronous task whose key is idle runs at once, in the caller's turn.
 */
export class SerialQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => T | Promise<T>): Promise<T> {
    const previous = this.tails.get(key);
    const result = previous ? previous.then(task, task) : (async () => task())();
    const tail = result.catch(() => {});
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
