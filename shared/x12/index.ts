/**
 * X12 reading and writing, pure (no I/O): streaming segment scanner and tokenizer, segment writer, 837P
 * writer, reader and validator, the 835 / 999 / 277CA writers and readers, detection.
 */
export * from './837p/fileName.ts';
export * from './837p/read837p.ts';
export * from './837p/write837p.ts';
export * from './ack/read277ca.ts';
export * from './ack/read835.ts';
export * from './ack/read999.ts';
export * from './ack/write277ca.ts';
export * from './ack/write835.ts';
export * from './ack/write999.ts';
export * from './decimal.ts';
export * from './detect.ts';
export * from './errors.ts';
export * from './segmentScanner.ts';
export * from './segmentWriter.ts';
export * from './tokenize.ts';
export * from './validate837p.ts';
