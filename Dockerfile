FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
RUN pip install --no-cache-dir uv==0.13.9
COPY requirements.lock .
RUN uv pip sync --system requirements.lock
COPY . .
RUN DEBUG=0 SECRET_KEY=collectstatic-only-build-key python manage.py collectstatic --noinput
RUN useradd --create-home gigcx && mkdir -p var && chown -R gigcx var
USER gigcx
EXPOSE 8000
CMD ["gunicorn", "gigcx.wsgi", "--preload", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
