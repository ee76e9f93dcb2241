// torch.utils as compiled programs see it (`torch.utils.data.DataLoader`).

export * as data from "./data.js";
