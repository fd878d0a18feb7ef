/**
 * Benchmark harnesses, one class per measurement, named {@code *Bench} and run with
 * {@code bench/run <Name>Bench}. Each prints a small table with its figures beside a baseline
 * measured in the same run, so the ratio means something on any machine.
 */
package io.pricefeed.bench;
