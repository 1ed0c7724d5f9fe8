"""scikit-learn baselines for the fraud and churn models, on the feature tables shoplake builds.

Called by bench/sklearn-baseline.ts with two CSV files; prints one JSON object.
Fraud: IsolationForest (unsupervised, all payments) and LogisticRegression trained on the
chargebacks of the older 70% of payments, alone and combined; AUC and precision@100 against
every planted fraud, labelled or not. Churn: GradientBoostingClassifier and LogisticRegression
trained at the earlier cut-off, AUC at the later one (the time split shoplake publishes).
"""
import json
import sys

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier, HistGradientBoostingClassifier, IsolationForest
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def load(path):
    with open(path, encoding="utf-8") as f:
        names = f.readline().strip().split(",")
    data = np.genfromtxt(path, delimiter=",", skip_header=1, dtype=float)
    return names, data


def precision_at(scores, labels, k):
    top = np.argsort(-scores, kind="stable")[:k]
    return float(labels[top].mean())


def rank(x):
    return np.argsort(np.argsort(x, kind="stable"), kind="stable") / max(len(x) - 1, 1)


def fraud(path):
    names, data = load(path)
    col = {n: i for i, n in enumerate(names)}
    features = [n for n in names if n not in ("payment_epoch", "chargeback", "planted")]
    x = data[:, [col[n] for n in features]]
    x = np.nan_to_num(x)
    chargeback = data[:, col["chargeback"]] > 0.5
    planted = data[:, col["planted"]] > 0.5
    older = data[:, col["payment_epoch"]] <= np.quantile(data[:, col["payment_epoch"]], 0.7)

    forest = IsolationForest(n_estimators=100, random_state=0, n_jobs=2).fit(x)
    anomaly = -forest.score_samples(x)
    logistic = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000, class_weight="balanced"))
    logistic.fit(x[older], chargeback[older])
    p = logistic.predict_proba(x)[:, 1]
    candidates = {
        "isolation_forest": anomaly,
        "logistic_chargebacks": p,
        "combined_noisy_or": 1 - (1 - p) * (1 - rank(anomaly)),
        "combined_rank_mean": (rank(p) + rank(anomaly)) / 2,
    }
    out = {
        name: {"auc": float(roc_auc_score(planted, s)), "precision_at_100": precision_at(s, planted, 100)}
        for name, s in candidates.items()
    }
    best = max(out, key=lambda n: out[n]["auc"])
    return {"payments": int(len(planted)), "planted": int(planted.sum()), "models": out, "best": best}


def churn(train_path, holdout_path):
    names, train = load(train_path)
    _, holdout = load(holdout_path)
    label = names.index("churned")
    cols = [i for i in range(len(names)) if i != label]
    xt, yt = np.nan_to_num(train[:, cols]), train[:, label] > 0.5
    xh, yh = np.nan_to_num(holdout[:, cols]), holdout[:, label] > 0.5
    models = {
        "gradient_boosting": GradientBoostingClassifier(random_state=0),
        "hist_gradient_boosting": HistGradientBoostingClassifier(random_state=0),
        "logistic": make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)),
    }
    aucs = {name: float(roc_auc_score(yh, m.fit(xt, yt).predict_proba(xh)[:, 1])) for name, m in models.items()}
    return {"train_customers": int(len(yt)), "holdout_customers": int(len(yh)), "auc": aucs}


if __name__ == "__main__":
    fraud_csv, churn_train_csv, churn_holdout_csv = sys.argv[1:4]
    print(json.dumps({"fraud": fraud(fraud_csv), "churn": churn(churn_train_csv, churn_holdout_csv)}))
