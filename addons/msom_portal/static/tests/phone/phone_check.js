// Opens each page in a frame the size of the window (390 × 844 in the test)
// and reports what a resident on a phone would hit: sideways scrolling,
// English source strings left on a Polish page, numbers written the English
// way, axe-core's serious and critical WCAG 2.1 AA violations. Used by msom_portal/tests/test_phone_pages.py.
(function () {
    "use strict";

    const AXE_URL = "/msom_portal/static/tests/phone/axe/axe.min.js";
    const AXE_OPTIONS = {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        resultTypes: ["violations"],
    };

    // "36.1", "14.3 %", "250.00 zł": Polish writes 36,1; dates (07.12.2026,
    // 07.12 14:30), IP addresses and coordinates are left alone
    const DOT_DECIMAL = /(?<![\d.,])\d+\.\d{1,2}(?![\d.]|\s\d{1,2}:\d\d)/g;

    function load(frame, url) {
        return new Promise((resolve) => {
            frame.onload = () => resolve();
            frame.src = url;
        });
    }

    function pause(ms) {
        return new Promise((resolve) => setTimeout(resolve, ms));
    }

    async function settle(win) {
        // lazy bundles and interactions start after the load event
        await pause(600);
        await win.document.fonts.ready;
        await new Promise((resolve) => win.requestAnimationFrame(() => resolve()));
    }

    function describe(el) {
        const classes = [...el.classList].slice(0, 3).join(".");
        return el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (classes ? "." + classes : "");
    }

    function overflow(win) {
        const doc = win.document;
        const width = win.innerWidth;
        if (doc.documentElement.scrollWidth <= width) {
            return null;
        }
        // the outermost elements that stick out on the right and that no
        // scrolling box (e.g. .table-responsive) holds in
        const clipped = (el) => {
            for (let node = el.parentElement; node && node !== doc.body; node = node.parentElement) {
                if (win.getComputedStyle(node).overflowX !== "visible") {
                    return true;
                }
            }
            return false;
        };
        const culprits = [];
        for (const el of doc.body.querySelectorAll("*")) {
            if (culprits.length >= 5) {
                break;
            }
            const rect = el.getBoundingClientRect();
            if (rect.right > width + 1 && rect.width > 0 && !culprits.some((c) => c.contains(el)) && !clipped(el)) {
                culprits.push(el);
            }
        }
        return (
            `scrollWidth ${doc.documentElement.scrollWidth} > ${width}: ` +
            culprits.map(describe).join(", ")
        );
    }

    function pageText(doc) {
        const parts = [doc.title, doc.body.innerText];
        for (const el of doc.querySelectorAll("[placeholder], [aria-label], [title], img[alt]")) {
            for (const name of ["placeholder", "aria-label", "title", "alt"]) {
                if (el.hasAttribute(name)) {
                    parts.push(el.getAttribute(name));
                }
            }
        }
        return parts.join("\n").replace(/\s+/g, " ");
    }

    async function runAxe(win) {
        if (!win.axe) {
            await new Promise((resolve, reject) => {
                const script = win.document.createElement("script");
                script.src = AXE_URL;
                script.onload = resolve;
                script.onerror = () => reject(new Error("axe-core did not load"));
                win.document.head.appendChild(script);
            });
        }
        const results = await win.axe.run(win.document, AXE_OPTIONS);
        return results.violations
            .filter((v) => v.impact === "serious" || v.impact === "critical")
            .map(
                (v) =>
                    `axe ${v.impact} ${v.id} (${v.help}): ` +
                    v.nodes
                        .slice(0, 3)
                        .map((n) => n.target.join(" ") + (v.id === "color-contrast" ? ` [${(n.any[0] || {}).message}]` : ""))
                        .join(" | ")
            );
    }

    window.msomPhoneCheck = async function (pages, english, maxHeights = {}) {
        const frame = document.createElement("iframe");
        frame.style.cssText =
            "position:fixed;top:0;left:0;width:100vw;height:100vh;border:0;z-index:10000";
        document.body.appendChild(frame);
        const problems = [];
        for (const url of pages) {
            console.log("msom phone page: " + url);
            await load(frame, url);
            const win = frame.contentWindow;
            await settle(win);
            const doc = win.document;
            const found = [];
            // with more than one language, Odoo prefixes the URL with it
            const path = win.location.pathname.replace(/^\/pl(?=\/|$)/, "") || "/";
            if (path !== url.split("?")[0]) {
                found.push(`redirected to ${path}`);
            }
            if (!(doc.documentElement.lang || "").startsWith("pl")) {
                found.push(`lang="${doc.documentElement.lang}"`);
            }
            const wide = overflow(win);
            if (wide) {
                found.push(wide);
            }
            const height = doc.documentElement.scrollHeight;
            if (maxHeights[url] && height > maxHeights[url]) {
                found.push(`${height} px tall, more than ${maxHeights[url]} px`);
            }
            const text = pageText(doc);
            const left = english.filter((source) => text.includes(source));
            if (left.length) {
                found.push("English: " + left.map((s) => JSON.stringify(s)).join(", "));
            }
            const dotted = [...new Set(text.match(DOT_DECIMAL) || [])];
            if (dotted.length) {
                found.push("dot decimals: " + dotted.slice(0, 5).join(", "));
            }
            found.push(...(await runAxe(win)));
            for (const problem of found) {
                problems.push(`${url}: ${problem}`);
            }
        }
        frame.remove();
        return problems;
    };
})();
