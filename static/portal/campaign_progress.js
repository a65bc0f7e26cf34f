// Refreshes a campaign's counts while it is being sent: asks the page's JSON every 3 seconds and
// stops once the campaign is sent. Without JavaScript the page shows the counts of its loading.
(() => {
  const section = document.querySelector("[data-progress-url][data-refresh]");
  if (!section) {
    return;
  }
  const state = document.querySelector("[data-state-label]");
  const refresh = async () => {
    try {
      const response = await fetch(section.dataset.progressUrl, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (response.ok) {
        const progress = await response.json();
        for (const count of section.querySelectorAll("[data-count]")) {
          const value = progress[count.dataset.count];
          if (value !== undefined) {
            count.textContent = String(value);
          }
        }
        if (state) {
          state.textContent = progress.state_label;
          state.className = `badge badge-${progress.state} campaign-state`;
        }
        if (progress.state !== "sending") {
          return;
        }
      }
    } catch (error) {
      // A lost answer (the network, a restart): ask again at the next turn.
    }
    window.setTimeout(refresh, 3000);
  };
  window.setTimeout(refresh, 3000);
})();
