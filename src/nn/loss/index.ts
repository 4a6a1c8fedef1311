// Loss functions (modules and functional forms).
export {};
