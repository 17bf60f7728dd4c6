/**
 * Every limit of the `genmath` command line, in one place: what a command refuses, and where
 * the line between a text file and a binary one is drawn. Messages name the limit from here.
 */
import { MAX_SAMPLES } from '../core/evaluate/montecarlo';

/**
 * The largest file `genmath scan` reads. Scanning keeps the text and its formulas in memory: at
 * its peak about 8 bytes for each byte of a note, besides Node's own 40 MB (195 MB for a 20 MB
 * note, `npm run bench -- scan`), so this bounds a scan to about a gigabyte.
 */
export const MAX_SCAN_FILE_BYTES = 128 * 1024 * 1024;

/** How much of a file's start is looked at to tell text from binary. */
export const TEXT_SAMPLE_BYTES = 64 * 1024;

/**
 * The share of a sample that may be invalid UTF-8 or control characters (other than tab,
 * line feed, carriage return and form feed) in a text file; past it the file is binary.
 */
export const MAX_NON_TEXT_SHARE = 0.1;

/** `genmath eval --samples N`: Monte Carlo draws per expectation. */
export const EVAL_SAMPLES = { min: 100, max: MAX_SAMPLES } as const;
