import { deflateRawSync } from "node:zlib";
import type { MessagePacker } from "../digest/stored-message";

/**
 * The Node packer: the same deflate-raw bytes format as CompressionStream (unpackMessage reads
 * both), made by zlib on the main thread. Level 1: ~4.8 KB a digest instead of 4.1 KB at the
 * default level, in about half the time. Synchronous: measured on 1,000 digests, ~320 µs of CPU a
 * digest against ~860 µs for zlib's asynchronous call (a stream, its buffers and a thread-pool
 * round trip each), and no compressor state held per digest in flight.
 */
export const packMessageWithZlib: MessagePacker = async (email) => deflateRawSync(JSON.stringify(email), { level: 1 });
