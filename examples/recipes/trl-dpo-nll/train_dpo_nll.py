#!/usr/bin/env python3
"""DPO + lambda * NLL (the SIaM paper's objective) with LoRA in TRL, for siam4j's CommandTrainer.

Reads siam4j's pairs.jsonl (PreferencePair lines), trains a LoRA adapter on a Hugging Face copy of
the base model, and converts the adapter to a llama.cpp GGUF adapter that siam4j loads in the next
iteration. TRL's `rpo_alpha` adds the NLL of the chosen response to the DPO loss: the paper's
DPO+NLL, which keeps response length from blowing up.

Needs: torch, transformers, trl, peft, and llama.cpp's convert_lora_to_gguf.py (path in
$LLAMA_CPP_DIR). Not run in siam4j's CI: those packages are not on its machines.
"""
import argparse
import json
import os
import subprocess
import sys


def prompt_text(prompt):
    """siam4j prompts are raw text or chat messages; TRL's standard form takes text."""
    if prompt.get("text"):
        return prompt["text"]
    return "\n\n".join(m["content"] for m in prompt["messages"])


def load_pairs(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                pair = json.loads(line)
                rows.append({"prompt": prompt_text(pair["prompt"]),
                             "chosen": pair["chosen"], "rejected": pair["rejected"]})
            except (KeyError, ValueError) as e:
                sys.exit(f"{path}:{number}: not a siam4j preference pair: {e}")
    return rows


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--pairs", required=True)
    p.add_argument("--hf-base", required=True, help="Hugging Face folder or id of the base model")
    p.add_argument("--out", required=True)
    p.add_argument("--beta", type=float, default=0.1)
    p.add_argument("--nll-weight", type=float, default=1.0, help="lambda of DPO+NLL (TRL rpo_alpha)")
    p.add_argument("--lora-rank", type=int, default=8)
    p.add_argument("--learning-rate", type=float, default=1e-5)
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--batch-size", type=int, default=8)
    p.add_argument("--max-length", type=int, default=1024)
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args()

    from datasets import Dataset
    from peft import LoraConfig
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from trl import DPOConfig, DPOTrainer

    rows = load_pairs(a.pairs)
    if not rows:
        sys.exit(f"{a.pairs}: no pairs to train on")
    tokenizer = AutoTokenizer.from_pretrained(a.hf_base)
    model = AutoModelForCausalLM.from_pretrained(a.hf_base)
    hf_out = os.path.join(a.out, "hf-adapter")
    config = DPOConfig(
        output_dir=hf_out, beta=a.beta, rpo_alpha=a.nll_weight, learning_rate=a.learning_rate,
        num_train_epochs=a.epochs, per_device_train_batch_size=a.batch_size,
        max_length=a.max_length, seed=a.seed, logging_steps=1, save_strategy="no", report_to=[])
    lora = LoraConfig(r=a.lora_rank, lora_alpha=2 * a.lora_rank, task_type="CAUSAL_LM",
                      target_modules=["q_proj", "k_proj", "v_proj", "o_proj",
                                      "gate_proj", "up_proj", "down_proj"])
    trainer = DPOTrainer(model=model, args=config, train_dataset=Dataset.from_list(rows),
                         processing_class=tokenizer, peft_config=lora)
    result = trainer.train()
    trainer.model.save_pretrained(hf_out)

    convert = os.path.join(os.environ.get("LLAMA_CPP_DIR", "."), "convert_lora_to_gguf.py")
    subprocess.run([sys.executable, convert, "--base", a.hf_base,
                    "--outfile", os.path.join(a.out, "adapter.gguf"), hf_out], check=True)
    with open(os.path.join(a.out, "metrics.json"), "w", encoding="utf-8") as f:
        json.dump({"train_loss": result.training_loss, "pairs": len(rows)}, f)


if __name__ == "__main__":
    main()
