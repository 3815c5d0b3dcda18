#!/usr/bin/env python3
"""CPU-bound work from asyncio: run_in_executor() with a ProcessPoolExecutor."""

import asyncio
import concurrent.futures
import time


def count_primes(limit):
    return sum(all(n % d for d in range(2, int(n ** 0.5) + 1)) for n in range(2, limit))


async def heartbeat(stop):
    beats = 0
    while not stop.is_set():
        beats += 1
        await asyncio.sleep(0.01)
    return beats


async def main(executor):
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    beats = asyncio.create_task(heartbeat(stop))
    limits = (50_000, 60_000)
    jobs = [loop.run_in_executor(executor, count_primes, limit) for limit in limits]
    for limit, primes in zip(limits, await asyncio.gather(*jobs), strict=True):
        print(f"primes below {limit}: {primes}")
    stop.set()
    print(f"the event loop kept running meanwhile: {await beats > 1}")


if __name__ == "__main__":
    with concurrent.futures.ProcessPoolExecutor(2) as executor:
        list(executor.map(time.sleep, [0.1, 0.1]))  # both workers start before the loop
        asyncio.run(main(executor))
