// The --bundle --html page in a real browser: Debian's chromium, headless,
// driven by playwright-core (which never downloads a browser). The page's
// printed output must match what PyTorch printed.

import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareOutputs } from "../support/output-compare.js";
import { fixtureInput, fixtureOut, runCli, tempDir } from "./helpers.js";

const CHROMIUM = process.env.PYT2TS_CHROMIUM ?? "/usr/bin/chromium";
const FIXTURE = "seed003-relu-sigmoid";

let dir = "";
let cleanup = (): void => {};
beforeAll(() => {
  ({ dir, cleanup } = tempDir("browser"));
});
afterAll(() => cleanup());

describe("bundle page in headless Chromium", () => {
  it("runs the program and shows PyTorch's output", async () => {
    // Not a skip: without the browser this check would silently stop guarding anything.
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's package (apt-get install -y chromium) or set PYT2TS_CHROMIUM`);
    }
    writeFileSync(join(dir, "lesson.py"), fixtureInput(FIXTURE));
    const r = runCli(["compile", "lesson.py", "--bundle", "--html"], dir);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
    try {
      const page = await browser.newPage();
      const pageErrors: string[] = [];
      page.on("pageerror", (e) => pageErrors.push(e.message));
      // Opened straight from disk: the bundle is inlined, so no server is needed.
      await page.goto(pathToFileURL(join(dir, "lesson.html")).href);
      // A string, evaluated in the page: this suite is type-checked without the DOM library.
      await page.waitForFunction("document.body.dataset.status !== 'running'", null, { timeout: 60_000 });
      expect(pageErrors, pageErrors.join("\n")).toEqual([]);
      expect(await page.getAttribute("body", "data-status")).toBe("done");
      const shown = (await page.textContent("#output")) ?? "";
      const diff = compareOutputs(shown, fixtureOut(FIXTURE));
      expect(diff, diff ?? "").toBeNull();
    } finally {
      await browser.close();
    }
  }, 120_000);
});
