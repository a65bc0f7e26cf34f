/* The project board: move cards by drag and drop, by the arrow keys, or with each card's
 * "Move to" form, through the project move URL's JSON answers. Without this file the forms still
 * post normally. When a stage needs more (a reason, a date, an amount), a dialog asks for it. */
(function () {
  "use strict";

  var board = document.getElementById("board");
  if (!board || board.dataset.canMove !== "true") {
    return;
  }
  var status = document.getElementById("board-status");
  var dialog = document.getElementById("move-dialog");
  var dialogForm = document.getElementById("move-dialog-form");
  var EXTRA_FIELDS = ["criteria", "reason", "on_date", "amount", "agreement_type", "note"];
  var pending = null; // {card, stage} while the dialog is open
  var dragged = null;

  function columns() {
    return Array.prototype.slice.call(board.querySelectorAll(".board-column"));
  }

  function columnFor(stage) {
    return board.querySelector('.board-column[data-stage="' + stage + '"]');
  }

  function mainLine() {
    return columns()
      .filter(function (column) { return column.dataset.mainLine === "true"; })
      .map(function (column) { return column.dataset.stage; });
  }

  function stageLabel(stage) {
    var column = columnFor(stage);
    return column ? column.dataset.stageLabel : stage;
  }

  function titleOf(card) {
    var heading = card.querySelector(".board-card-title");
    return heading ? heading.textContent.trim() : "";
  }

  function message(name, values) {
    var text = board.dataset["msg" + name] || "";
    Object.keys(values || {}).forEach(function (key) {
      text = text.split("{" + key + "}").join(values[key]);
    });
    return text;
  }

  function announce(text) {
    // Emptied first so that the same sentence twice is read twice.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function csrfToken(card) {
    var input = card.querySelector("input[name=csrfmiddlewaretoken]") ||
      document.querySelector(".board-csrf input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function updateCounts() {
    columns().forEach(function (column) {
      var count = column.querySelector(".board-count");
      if (count) {
        count.textContent = String(column.querySelectorAll(".board-card").length);
      }
    });
  }

  function placeCard(card, stage) {
    var column = columnFor(stage);
    if (!column) {
      return;
    }
    var item = card.closest(".board-item");
    column.querySelector(".board-cards").appendChild(item);
    card.dataset.stage = stage;
    var select = card.querySelector("select[name=to_stage]");
    if (select) {
      select.value = stage;
    }
    var days = card.querySelector(".board-days");
    if (days) {
      days.textContent = message("JustMoved");
    }
    updateCounts();
  }

  function errorText(errors) {
    var parts = [];
    Object.keys(errors || {}).forEach(function (key) {
      (errors[key] || []).forEach(function (text) { parts.push(text); });
    });
    return parts.join(" ");
  }

  function openDialog(card, stage, errors) {
    pending = { card: card, stage: stage };
    document.getElementById("move-dialog-intro").textContent =
      message("Needs", { title: titleOf(card), stage: stageLabel(stage) });
    var firstInvalid = null;
    EXTRA_FIELDS.forEach(function (name) {
      var wrapper = dialogForm.querySelector('[data-field="' + name + '"]');
      var inputs = Array.prototype.slice.call(wrapper.querySelectorAll("[name]"));
      var error = wrapper.querySelector(".error");
      var asked = Object.prototype.hasOwnProperty.call(errors, name);
      wrapper.hidden = !asked;
      error.id = "move-dialog-" + name + "-error";
      error.textContent = asked ? errors[name].join(" ") : "";
      error.hidden = !error.textContent;
      inputs.forEach(function (input) {
        input.disabled = !asked;
        if (asked) {
          input.setAttribute("aria-describedby", error.id);
          input.setAttribute("aria-invalid", "true");
          firstInvalid = firstInvalid || input;
        } else {
          if (input.type === "checkbox") {
            input.checked = false;
          } else {
            input.value = "";
          }
          input.removeAttribute("aria-invalid");
        }
      });
    });
    var others = {};
    Object.keys(errors).forEach(function (key) {
      if (EXTRA_FIELDS.indexOf(key) === -1) {
        others[key] = errors[key];
      }
    });
    var general = document.getElementById("move-dialog-errors");
    general.textContent = errorText(others);
    general.hidden = !general.textContent;
    if (!dialog.open) {
      dialog.showModal();
    }
    if (firstInvalid) {
      firstInvalid.focus();
    }
  }

  function closeDialog(moved) {
    var was = pending;
    pending = null;
    if (dialog.open) {
      dialog.close();
    }
    if (was && !moved) {
      announce(message("Cancelled", { title: titleOf(was.card) }));
      was.card.focus();
    }
  }

  function move(card, stage, extra) {
    var title = titleOf(card);
    if (stage === card.dataset.stage) {
      announce(message("Same", { title: title, stage: stageLabel(stage) }));
      return;
    }
    var body = new FormData();
    body.append("csrfmiddlewaretoken", csrfToken(card));
    body.append("to_stage", stage);
    (extra || []).forEach(function (pair) { body.append(pair[0], pair[1]); });
    card.setAttribute("aria-busy", "true");
    fetch(card.dataset.moveUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": csrfToken(card) },
    })
      .then(function (response) {
        return response.json().then(
          function (data) { return { status: response.status, data: data }; },
          function () { return { status: response.status, data: null }; }
        );
      })
      .then(function (answer) {
        card.removeAttribute("aria-busy");
        if (answer.status === 200 && answer.data && answer.data.ok) {
          var newStage = answer.data.stage || stage;
          closeDialog(true);
          placeCard(card, newStage);
          card.focus();
          announce(message("Moved", {
            title: title, stage: answer.data.stage_label || stageLabel(newStage),
          }));
          return;
        }
        var errors = (answer.data && answer.data.errors) || {};
        var needsMore = Object.keys(errors).some(function (key) {
          return EXTRA_FIELDS.indexOf(key) !== -1;
        });
        if (answer.status === 400 && needsMore) {
          openDialog(card, stage, errors);
          return;
        }
        closeDialog(true);
        card.focus();
        announce(message("Failed", {
          title: title, error: errorText(errors) || String(answer.status),
        }));
      })
      .catch(function () {
        card.removeAttribute("aria-busy");
        announce(message("Offline"));
      });
  }

  // The dialog: "Move" resubmits with what was asked for; "Cancel" and Escape give up.
  dialogForm.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!pending) {
      closeDialog(false);
      return;
    }
    if (event.submitter && event.submitter.value === "cancel") {
      closeDialog(false);
      return;
    }
    var extra = [];
    EXTRA_FIELDS.forEach(function (name) {
      dialogForm.querySelectorAll('[name="' + name + '"]').forEach(function (input) {
        if (input.disabled || (input.type === "checkbox" && !input.checked)) {
          return;
        }
        extra.push([name, input.value]);
      });
    });
    move(pending.card, pending.stage, extra);
  });
  dialog.addEventListener("cancel", function (event) {
    event.preventDefault();
    closeDialog(false);
  });

  // Each card's own "Move to" form, sent through the same path.
  board.addEventListener("submit", function (event) {
    var form = event.target.closest(".board-move");
    if (!form) {
      return;
    }
    event.preventDefault();
    var card = form.closest(".board-card");
    move(card, form.querySelector("select[name=to_stage]").value);
  });

  // The keyboard: left and right arrows on a focused card move it along the main line.
  board.addEventListener("keydown", function (event) {
    var card = event.target;
    if (!card.classList || !card.classList.contains("board-card") || !card.dataset.moveUrl) {
      return;
    }
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") {
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    event.preventDefault();
    var line = mainLine();
    var index = line.indexOf(card.dataset.stage);
    var title = titleOf(card);
    if (index === -1) {
      announce(message("Side", { title: title }));
      return;
    }
    var next = index + (event.key === "ArrowRight" ? 1 : -1);
    if (next < 0) {
      announce(message("First", { title: title }));
    } else if (next >= line.length) {
      announce(message("Last", { title: title }));
    } else {
      move(card, line[next]);
    }
  });

  // The mouse: drag a card onto another column.
  board.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest(".board-card[draggable=true]");
    if (!card) {
      return;
    }
    dragged = card;
    card.classList.add("board-card-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.pk);
  });
  board.addEventListener("dragend", function () {
    if (dragged) {
      dragged.classList.remove("board-card-dragging");
    }
    dragged = null;
    columns().forEach(function (column) { column.classList.remove("board-column-over"); });
  });
  board.addEventListener("dragover", function (event) {
    var column = event.target.closest && event.target.closest(".board-column");
    if (!dragged || !column) {
      return;
    }
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    columns().forEach(function (other) {
      other.classList.toggle("board-column-over", other === column);
    });
  });
  board.addEventListener("drop", function (event) {
    var column = event.target.closest && event.target.closest(".board-column");
    if (!dragged || !column) {
      return;
    }
    event.preventDefault();
    var card = dragged;
    column.classList.remove("board-column-over");
    move(card, column.dataset.stage);
  });
})();
