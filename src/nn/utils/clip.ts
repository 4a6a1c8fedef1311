// Gradient clipping.
export {};
