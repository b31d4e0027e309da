import { deflateRawSync } from "node:zlib";
import type { MessagePacker } from "../digest/stored-message";

/**
 * The Node packer: the same deflate-raw bytes format as CompressionStream (unpackMessage reads
 * both), made by zlib on the calling thread. Synchronous because zlib's async form costs more
 * main-thread time than the compression itself (it builds a stream per call): measured on a
 * ~20,000-character digest, ~150 µs of CPU synchronously against ~500 µs on the main thread alone
 * asynchronously (bench/RESULTS.md, 2026-12-07 13:20). Level 1: measured on 500 digests, ~5.2 KB
 * each instead of 4.4 KB at the default level, in about half the time.
 */
export const packMessageWithZlib: MessagePacker = async (email) => deflateRawSync(JSON.stringify(email), { level: 1 });
