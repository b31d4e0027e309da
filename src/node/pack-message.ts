import { deflateRaw } from "node:zlib";
import type { MessagePacker } from "../digest/stored-message";

/**
 * The Node packer: the same deflate-raw bytes format as CompressionStream (unpackMessage reads
 * both), made by zlib on libuv's thread pool, so compressing a digest overlaps composing the next
 * on the main thread. Level 1: measured on 500 digests, ~5.2 KB each instead of 4.4 KB at the
 * default level, in about half the time.
 */
export const packMessageWithZlib: MessagePacker = (email) =>
  new Promise((resolve, reject) =>
    deflateRaw(JSON.stringify(email), { level: 1 }, (err, bytes) => (err ? reject(err) : resolve(bytes))),
  );
