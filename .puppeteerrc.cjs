// Puppeteer must not download its own browser at install time: this project
// uses a system Chrome/Chromium (see src/formats/pdf/browser.ts).
module.exports = { skipDownload: true };
