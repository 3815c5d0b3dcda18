#!/usr/bin/env python3
"""A Condition holds second-stage workers back until the first stage is done."""

import multiprocessing


def stage_one(condition, data):
    print("stage-1: preparing the data")
    with condition:
        data.value = 10
        condition.notify_all()
    print("stage-1: done, woke up everyone waiting")


def stage_two(condition, data, results, i):
    with condition:
        condition.wait_for(lambda: data.value != 0)  # 0 means "not ready yet"
    results[i] = data.value  # what this worker saw when it went on


if __name__ == "__main__":
    condition = multiprocessing.Condition()
    data = multiprocessing.Value("i", 0)
    results = multiprocessing.Array("i", 3)
    second = [multiprocessing.Process(name=f"stage-2-{i}", target=stage_two,
                                      args=(condition, data, results, i))
              for i in range(3)]
    first = multiprocessing.Process(name="stage-1", target=stage_one,
                                    args=(condition, data))
    for p in second + [first]:
        p.start()
    for p in second + [first]:
        p.join()
    for p, result in zip(second, results, strict=True):
        print(f"{p.name}: went on and saw data = {result}")
