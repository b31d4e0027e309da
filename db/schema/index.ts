export * from "./subscribers";
export * from "./rate-limits";
export * from "./listings";
export * from "./deliveries";
export * from "./runs";
export * from "./suppressions";
export * from "./listing-lifecycle";
