// Optimizers, learning-rate schedulers.
export {};
