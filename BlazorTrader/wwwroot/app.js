// Small browser helpers for BlazorTrader's UI. No trading logic here.
window.blazorTrader = {
    // Set once the interactive circuit rendered the layout (browser tests wait for it before clicking).
    markInteractive: function () {
        document.body.setAttribute("data-interactive", "true");
    },
    // Copies text; falls back to a hidden textarea where the Clipboard API needs HTTPS.
    copy: async function (text) {
        try {
            if (navigator.clipboard && window.isSecureContext) {
                await navigator.clipboard.writeText(text);
                return true;
            }
        } catch (e) { /* fall through */ }
        const area = document.createElement("textarea");
        area.value = text;
        area.setAttribute("readonly", "");
        area.style.position = "fixed";
        area.style.opacity = "0";
        document.body.appendChild(area);
        area.select();
        let ok = false;
        try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
        document.body.removeChild(area);
        return ok;
    },
    // Tells .NET whether the user scrolled away from the newest entries (top of the list), so the live log can pause.
    watchScroll: function (element, dotnet) {
        if (!element) return;
        let paused = false;
        element.addEventListener("scroll", function () {
            const away = element.scrollTop > 8;
            if (away !== paused) {
                paused = away;
                dotnet.invokeMethodAsync("OnScrollPausedChanged", paused);
            }
        }, { passive: true });
    },
};

// Start Blazor with patient reconnection: a restart of the server takes a few seconds, and the page must come back by itself.
(function () {
    if (!window.Blazor || !Blazor.start) return;
    Blazor.start({
        circuit: {
            reconnectionOptions: {
                maxRetries: 120,
                retryIntervalMilliseconds: function (attempt) { return attempt < 5 ? 500 : 2000; },
            },
        },
    });
})();

// A server that restarted has no circuit for this tab ("rejected"): reload, which shows the last state from the database.
// When the retries ran out ("failed"), reload as soon as the server answers again.
(function () {
    const modal = document.getElementById("components-reconnect-modal");
    if (!modal) return;
    let waiting = false;
    function reloadWhenUp() {
        if (waiting) return;
        waiting = true;
        const probe = function () {
            fetch("/health", { cache: "no-store" }).then(function (r) {
                if (r.ok || r.status === 503) location.reload(); else setTimeout(probe, 2000);
            }).catch(function () { setTimeout(probe, 2000); });
        };
        probe();
    }
    function onState(state) {
        if (state === "rejected") location.reload();
        else if (state === "failed" || state === "resume-failed") reloadWhenUp();
    }
    modal.addEventListener("components-reconnect-state-changed", function (e) { onState(e.detail && e.detail.state); });
    // The same states as classes on the element (what every Blazor version sets), in case the event is not raised.
    new MutationObserver(function () {
        ["rejected", "failed", "resume-failed"].forEach(function (s) {
            if (modal.classList.contains("components-reconnect-" + s)) onState(s);
        });
    }).observe(modal, { attributes: true, attributeFilter: ["class"] });
})();

// Buttons of the reconnect panel (Components/Shared/ReconnectPanel.razor).
document.addEventListener("click", function (e) {
    if (e.target && e.target.id === "bt-reconnect-retry") {
        if (window.Blazor && Blazor.reconnect) {
            Blazor.reconnect().then(function (ok) { if (!ok) location.reload(); });
        } else {
            location.reload();
        }
    } else if (e.target && e.target.id === "bt-reconnect-reload") {
        location.reload();
    }
});
