export * from "./subscribers";
export * from "./rate-limits";
