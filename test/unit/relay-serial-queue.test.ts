import { describe, expect, it } from 'vitest';
import { SerialQueue } from '../../relay/serial-queue';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('relay SerialQueue', () => {
  it('runs one key’s tasks in the order queued, even when an earlier one is slower', async () => {
    const queue = new SerialQueue();
    const done: string[] = [];
    await Promise.all([
      queue.run('net', async () => {
        await sleep(30);
        done.push('first');
      }),
      queue.run('net', () => done.push('second')),
      queue.run('other', () => done.push('other network')),
    ]);
    expect(done).toEqual(['other network', 'first', 'second']);
  });

  it('runs a task on an idle key at once, and a failure does not stop the tasks after it', async () => {
    const queue = new SerialQueue();
    let ran = false;
    const first = queue.run('net', () => {
      ran = true;
      throw new Error('disk on fire');
    });
    expect(ran).toBe(true);
    const second = queue.run('net', () => 'still served');
    await expect(first).rejects.toThrow('disk on fire');
    await expect(second).resolves.toBe('still served');
  });
});
