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
